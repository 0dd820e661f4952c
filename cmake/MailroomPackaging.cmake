# Desktop integration files and the CPack settings behind ./dev.sh package.
# Included last from the root CMakeLists, so every target's install() rule is known before include(CPack).

include(GNUInstallDirs)

# One application id names the desktop file, the AppStream metainfo and the icon, as the specs expect.
set(MAILROOM_APP_ID "io.github.mailroom.mailroom")
set(MAILROOM_PACKAGING_DIR "${CMAKE_CURRENT_SOURCE_DIR}/packaging")

install(FILES "${MAILROOM_PACKAGING_DIR}/${MAILROOM_APP_ID}.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${MAILROOM_PACKAGING_DIR}/${MAILROOM_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${MAILROOM_PACKAGING_DIR}/${MAILROOM_APP_ID}.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")

set(MAILROOM_PACKAGE_MAINTAINER "Mailroom maintainers <maintainers@mailroom.invalid>"
    CACHE STRING "Maintainer field of the .deb")

set(CPACK_PACKAGE_NAME "mailroom")
set(CPACK_PACKAGE_VENDOR "The Mailroom authors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${MAILROOM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines under 80 columns, as Debian policy asks; CPack indents them for the control file.
set(CPACK_PACKAGE_DESCRIPTION
    "Mailroom keeps a small business's customer contacts in a workspace file on\n\
the owner's own computer. Add, edit, tag, sort into lists, search and undo in\n\
a fast window that handles a million contacts, or script the same work with\n\
the mailroom-cli command line.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/mailroom/mailroom")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MAILROOM_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "mail")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# dpkg-shlibdeps (dpkg-dev) derives the library dependencies (Qt, Botan, libstdc++) from the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins are loaded at run time, so shlibdeps cannot see them: the SQLite driver holds every workspace,
# and the platform plugins (xcb, wayland, offscreen) are what lets the window open.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")

set(CPACK_GENERATOR "DEB")
include(CPack)
