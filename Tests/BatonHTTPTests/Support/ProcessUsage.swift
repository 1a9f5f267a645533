#if canImport(Glibc)
import Glibc
#endif

/// The peak resident set of this process so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

/// CPU time (user + system) used so far by this process's thread called `name`, from `/proc`.
func threadCPUMilliseconds(named name: String) -> Int? {
    guard let tasks = opendir("/proc/self/task") else { return nil }
    defer { closedir(tasks) }
    let ticksPerSecond = sysconf(Int32(_SC_CLK_TCK))
    while let entry = readdir(tasks) {
        let tid = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        guard tid.first?.isNumber == true,
              readSmallFile("/proc/self/task/\(tid)/comm")?.split(separator: "\n").first == Substring(name),
              let stat = readSmallFile("/proc/self/task/\(tid)/stat"),
              let afterName = stat.lastIndex(of: ")")
        else { continue }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return (user + system) * 1000 / ticksPerSecond
    }
    return nil
}

private func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return nil }
    return String(decoding: buffer[..<count], as: UTF8.self)
}
