# tests of core/mail/mime
mailroom_add_test(NAME test_mime_header_encoding SOURCES test_mime_header_encoding.cpp LIBS mailroom_core LABEL unit)
mailroom_add_test(NAME test_mime_encoding SOURCES test_mime_encoding.cpp LIBS mailroom_core LABEL unit)
# Reads every message back with Python's email package (mime_check.py): a real reader.
mailroom_add_test(NAME test_mime_message SOURCES test_mime_message.cpp LIBS mailroom_core LABEL unit)
target_compile_definitions(test_mime_message PRIVATE MIME_CHECK_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/mime_check.py")
