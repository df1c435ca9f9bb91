<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
Qt's own strings that Qt's qtbase_zh_CN.qm does not translate (its catalogue
predates Qt 6's QAbstractFileIconProvider): the file dialog's "Type" column.
Written by hand: lupdate cannot find these in our code. Contexts, sources and
disambiguations (<comment>) are exactly Qt's; ui/i18n.py loads the .qm after
qtbase's and a test checks a folder reads 文件夹 in the file dialog.
-->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Folder</source>
            <comment>All other platforms</comment>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>File Folder</source>
            <comment>Match Windows Explorer</comment>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>驱动器</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <comment>All other platforms</comment>
            <translation>快捷方式</translation>
        </message>
        <message>
            <source>Alias</source>
            <comment>macOS Finder</comment>
            <translation>替身</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
    </context>
</TS>
