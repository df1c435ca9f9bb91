# Replaces the contrib hook, which collects every phonenumbers submodule: the
# geocoder, carrier and time-zone tables (40 MB of source) are never used by
# the app (build.spec excludes them; this keeps the build log free of
# "hidden import not found" for each of their hundreds of modules).
from PyInstaller.utils.hooks import collect_submodules

_UNUSED = ("phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not name.startswith(_UNUSED)
)
