; Operator Desk Windows installer (NSIS 3, `makensis`; `make installer` runs it).
;
;   makensis -DBUNDLE=<onedir bundle folder> -DVERSION=0.1.0 -DOUTFILE=<setup.exe> operator-desk.nsi
;
; Per-user: no administrator rights, installed to %LOCALAPPDATA%\Programs\OperatorDesk,
; uninstall entry under HKCU, Start-menu shortcut. The user's data (local cache,
; settings, log) lives in %LOCALAPPDATA%\OperatorDesk\OperatorDesk, never in the
; install folder; the uninstaller keeps it unless its "delete my data" box is ticked.
; Silent: `setup.exe /S`, `uninstall.exe /S` (keeps the data; add /DELETEDATA to remove it).

Unicode true
; 64-bit like the app (and plain 64-bit wine runs it for the package check).
Target amd64-unicode
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!ifndef BUNDLE
  !error "pass -DBUNDLE=<folder of the PyInstaller bundle>"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "OperatorDesk-setup-${VERSION}.exe"
!endif

!define APP_ID "OperatorDesk"
!define APP_NAME "Operator Desk"
!define APP_EXE "OperatorDesk.exe"
!define CLI_EXE "operator-app.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define DATA_PARENT "$LOCALAPPDATA\OperatorDesk"
!define DATA_DIR "${DATA_PARENT}\OperatorDesk"
; makensis runs in this folder: paths are relative to it (BUNDLE should be absolute)
!define ICON "../../resources/icons/operator-desk.ico"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestDPIAware true
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "Operator Desk"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when the system's is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString RUNNING ${LANG_SIMPCHINESE} "私域工作台正在运行，安装前将关闭它（未同步的工作会在下次启动时继续发送）。"
LangString RUNNING ${LANG_ENGLISH} "Operator Desk is running and will be closed before installing (unsent work is sent at the next start)."
LangString SEC_APP ${LANG_SIMPCHINESE} "私域工作台"
LangString SEC_APP ${LANG_ENGLISH} "Operator Desk"
LangString SEC_DATA ${LANG_SIMPCHINESE} "同时删除本机数据（本地缓存、设置和日志）"
LangString SEC_DATA ${LANG_ENGLISH} "Also delete my data on this PC (local cache, settings, log)"
LangString SHORTCUT ${LANG_SIMPCHINESE} "私域工作台"
LangString SHORTCUT ${LANG_ENGLISH} "Operator Desk"

; Close a running copy (an upgrade cannot replace files in use): politely, then for good.
!macro CLOSE_RUNNING UN
Function ${UN}CloseRunning
  nsExec::ExecToStack '"$SYSDIR\cmd.exe" /c tasklist /FI "IMAGENAME eq ${APP_EXE}" /NH | find /I "${APP_EXE}"'
  Pop $0
  Pop $1
  StrCmp $0 "0" 0 done
  IfSilent +2
  MessageBox MB_OKCANCEL|MB_ICONINFORMATION "$(RUNNING)" IDOK +2
  Abort
  nsExec::Exec '"$SYSDIR\taskkill.exe" /IM ${APP_EXE}'
  Sleep 3000
  nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${APP_EXE}'
  nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${CLI_EXE}'
  Sleep 500
  done:
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING ""
!insertmacro CLOSE_RUNNING "un."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  Call CloseRunning
  ; An upgrade replaces the whole program folder (old modules must not linger).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}/*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\$(SHORTCUT).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME} (私域工作台)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Operator Desk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "ShortcutName" "$(SHORTCUT)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "un.!$(SEC_APP)" SecUnApp
  SectionIn RO
  Call un.CloseRunning
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "ShortcutName"
  StrCmp $0 "" +2
  Delete "$SMPROGRAMS\$0.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\OperatorDesk"
  Delete "$INSTDIR\operator-app"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Not selected unless the user ticks it: the local cache may hold unsent work.
Section /o "un.$(SEC_DATA)" SecData
  RMDir /r "${DATA_DIR}"
  RMDir "${DATA_PARENT}"
SectionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
  ; Silent uninstalls keep the data unless /DELETEDATA is given.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  IfErrors +2
  SectionSetFlags ${SecData} ${SF_SELECTED}
FunctionEnd
