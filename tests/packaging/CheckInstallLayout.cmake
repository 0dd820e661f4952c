# cmake -DBINARY_DIR=... -DSTAGE_DIR=... -DAPP_ID=... -DAPPSTREAMCLI=... -P CheckInstallLayout.cmake
# Installs the build into a scratch prefix (what the .deb will contain) and checks that the programs and
# the desktop integration files land where Debian's menus, software centres and icon themes look, and that
# appstreamcli finds the metainfo, desktop entry and icon consistent in that tree.

file(REMOVE_RECURSE "${STAGE_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BINARY_DIR}" --prefix "${STAGE_DIR}/usr"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

set(expected
    "usr/bin/mailroom"
    "usr/bin/mailroom-cli"
    "usr/share/applications/${APP_ID}.desktop"
    "usr/share/metainfo/${APP_ID}.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg")
set(missing "")
foreach(f IN LISTS expected)
    if(NOT EXISTS "${STAGE_DIR}/${f}")
        list(APPEND missing "${f}")
    endif()
endforeach()
if(missing)
    file(REMOVE_RECURSE "${STAGE_DIR}")
    list(JOIN missing "\n  " missing_text)
    message(FATAL_ERROR "not installed:\n  ${missing_text}")
endif()

execute_process(COMMAND "${APPSTREAMCLI}" validate-tree --no-net --strict "${STAGE_DIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE "${STAGE_DIR}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "appstreamcli validate-tree failed (${rc}):\n${out}\n${err}")
endif()
