# Geometry: solids, component builders and GDSII import. The GDS round trip writes its layout
# with gdspy under /usr/bin/python3 (Debian's python3-gdspy, scripts/install-deps.sh).
add_executable(test_geometry test_geometry.cpp)
target_link_libraries(test_geometry PRIVATE pfdtd_solver GTest::gtest_main)
gtest_discover_tests(test_geometry DISCOVERY_TIMEOUT 60)
