// The translation unit that builds the test programs' shared precompiled header
// (tests/CMakeLists.txt, sidepeak_test_pch); it has no code of its own (gtest_main gives main).
