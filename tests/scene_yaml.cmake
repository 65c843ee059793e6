# The scene-file reader (io/scene_yaml.cpp): parsing, unit conversion and error messages.
add_executable(test_scene_yaml test_scene_yaml.cpp)
target_link_libraries(test_scene_yaml PRIVATE pfdtd_io GTest::gtest_main)
gtest_discover_tests(test_scene_yaml DISCOVERY_TIMEOUT 60)
