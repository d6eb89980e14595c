#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat`/`lstat` say about a path: one system call, where Foundation's `attributesOfItem` also looks up
/// owner names and builds a dictionary (measurably slow over thousands of fleet files).
struct FileStatus {
    enum Kind { case regular, directory, symbolicLink, other }

    var kind: Kind
    /// Size in bytes.
    var size: Int

    /// The status of `path`, following a final symbolic link when `followLinks`; `nil` when it does not exist.
    init?(_ path: String, followLinks: Bool = true) {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = Int(info.st_size)
    }
}
