// What `fleetform --version` and `gamelift-local --version` print: the release version and the commit the
// binaries were built from. Package.swift passes both in as macros (docs/releasing.md, "Version and commit").
#ifndef FLEETFORM_BUILD_INFO_H
#define FLEETFORM_BUILD_INFO_H

/// The release version, from `version` in Package.swift.
const char *fleetform_build_version(void);

/// The git commit the build was made from (with "-dirty" when the tree had uncommitted changes), or "unknown".
const char *fleetform_build_commit(void);

/// "VERSION (commit COMMIT)", the `--version` line.
const char *fleetform_build_summary(void);

#endif
