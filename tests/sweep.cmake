# Parameter sweeps (io/sweep.*, apps/sweep.cpp): parsing, expansion and records as unit
# tests; `pfdtd sweep` end to end on 4 MPI ranks, killed and resumed.
add_executable(test_sweep test_sweep.cpp)
target_link_libraries(test_sweep PRIVATE pfdtd_io hdf5::hdf5 GTest::gtest_main)
gtest_discover_tests(test_sweep DISCOVERY_TIMEOUT 60)
add_test(NAME sweep COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/sweep_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(sweep PROPERTIES TIMEOUT 900)
