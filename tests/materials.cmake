# Material library and index perturbations (materials/library.*, materials/perturbations.*).
add_executable(test_materials test_materials.cpp)
target_link_libraries(test_materials PRIVATE pfdtd_solver GTest::gtest_main)
gtest_discover_tests(test_materials DISCOVERY_TIMEOUT 60)
