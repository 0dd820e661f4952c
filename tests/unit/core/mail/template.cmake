# tests of core/mail/template
mailroom_add_test(NAME test_merge_template SOURCES test_merge_template.cpp LIBS mailroom_core LABEL unit)
