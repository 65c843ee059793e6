# Geometry items of scene files (io/scene_geometry.cpp, io/scene_components.cpp) and the
# examples of docs/scene-format.md. The GDS import writes its layout with gdspy under
# /usr/bin/python3 (Debian's python3-gdspy, scripts/install-deps.sh).
add_executable(test_scene_geometry test_scene_geometry.cpp)
target_link_libraries(test_scene_geometry PRIVATE pfdtd_io GTest::gtest_main)
target_compile_definitions(test_scene_geometry PRIVATE PFDTD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
gtest_discover_tests(test_scene_geometry DISCOVERY_TIMEOUT 60)
