# tests of core/mail/dkim
mailroom_add_test(NAME test_dkim_key SOURCES test_dkim_key.cpp LIBS mailroom_core LABEL unit)
# python3-dkim (dkimpy), an independent implementation, verifies what we sign.
mailroom_add_test(NAME test_dkim_signer SOURCES test_dkim_signer.cpp LIBS mailroom_core LABEL unit)
target_compile_definitions(test_dkim_signer PRIVATE DKIM_VERIFY_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/dkim_verify.py")
