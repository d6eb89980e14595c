#include "FleetformBuildInfo.h"

// Package.swift defines both; a build without them is a broken manifest, not a binary with no version.
#if !defined(FLEETFORM_BUILD_VERSION) || !defined(FLEETFORM_BUILD_COMMIT)
#error "FLEETFORM_BUILD_VERSION and FLEETFORM_BUILD_COMMIT come from Package.swift's cSettings"
#endif

const char *fleetform_build_version(void) { return FLEETFORM_BUILD_VERSION; }

const char *fleetform_build_commit(void) { return FLEETFORM_BUILD_COMMIT; }

const char *fleetform_build_summary(void) { return FLEETFORM_BUILD_VERSION " (commit " FLEETFORM_BUILD_COMMIT ")"; }
