# Warnings, sanitizers and the test registration helper shared by every target.

function(mailroom_set_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual -Wshadow=local)
    if(MAILROOM_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(MAILROOM_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# mailroom_add_test(NAME name SOURCES a.cpp... LIBS libs... LABEL unit|integration|gui [TIMEOUT s])
function(mailroom_add_test)
    cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_include_directories(${T_NAME} PRIVATE ${MAILROOM_SOURCE_ROOT})
    target_compile_definitions(${T_NAME} PRIVATE
        MAILROOM_TEST_DATA_DIR="${MAILROOM_SOURCE_ROOT}/tests/data"
        MAILROOM_BINARY_DIR="${CMAKE_BINARY_DIR}")
    mailroom_set_warnings(${T_NAME})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABEL}" TIMEOUT ${T_TIMEOUT})
    if(T_LABEL STREQUAL "gui")
        set_property(TEST ${T_NAME} APPEND PROPERTY ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
    endif()
endfunction()
