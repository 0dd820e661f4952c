# tests of core/mail/html
mailroom_add_test(NAME test_html_document SOURCES test_html_document.cpp LIBS mailroom_core LABEL unit)
mailroom_add_test(NAME test_content_checker SOURCES test_content_checker.cpp LIBS mailroom_core LABEL unit)
