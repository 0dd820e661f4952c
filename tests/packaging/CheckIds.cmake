# cmake -DPACKAGING_DIR=... -DAPP_ID=... -P CheckIds.cmake
# The desktop file, the metainfo and the icon must agree on one application id, or software centres show
# an entry without an icon or a page that launches nothing.

function(require_equal actual expected what)
    if(NOT actual STREQUAL expected)
        message(FATAL_ERROR "${what}: found '${actual}', expected '${expected}'")
    endif()
endfunction()

set(desktop "${PACKAGING_DIR}/${APP_ID}.desktop")
set(metainfo "${PACKAGING_DIR}/${APP_ID}.metainfo.xml")
set(icon "${PACKAGING_DIR}/${APP_ID}.svg")
foreach(f IN ITEMS "${desktop}" "${metainfo}" "${icon}")
    if(NOT EXISTS "${f}")
        message(FATAL_ERROR "missing ${f}")
    endif()
endforeach()

file(READ "${desktop}" desktop_text)
string(REGEX MATCH "\nIcon=([^\n]*)" _ "${desktop_text}")
require_equal("${CMAKE_MATCH_1}" "${APP_ID}" "${desktop}: Icon=")
string(REGEX MATCH "\nExec=([^ \n]*)" _ "${desktop_text}")
require_equal("${CMAKE_MATCH_1}" "mailroom" "${desktop}: Exec=")

file(READ "${metainfo}" metainfo_text)
string(REGEX MATCH "<id>([^<]*)</id>" _ "${metainfo_text}")
require_equal("${CMAKE_MATCH_1}" "${APP_ID}" "${metainfo}: <id>")
string(REGEX MATCH "<launchable type=\"desktop-id\">([^<]*)</launchable>" _ "${metainfo_text}")
require_equal("${CMAKE_MATCH_1}" "${APP_ID}.desktop" "${metainfo}: <launchable>")
foreach(binary IN ITEMS mailroom mailroom-cli)
    string(FIND "${metainfo_text}" "<binary>${binary}</binary>" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${metainfo}: does not provide the binary ${binary}")
    endif()
endforeach()

file(READ "${icon}" icon_text)
string(FIND "${icon_text}" "<svg" at)
if(at EQUAL -1)
    message(FATAL_ERROR "${icon}: not an SVG image")
endif()
