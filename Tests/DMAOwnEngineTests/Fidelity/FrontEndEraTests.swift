import Testing
import DMAOwnEngine

/// The group-open step speaks the kernel of its scheme's era: 5.18's `group->opened` and
/// `container_users` (notifier, and v6 and Robin, posted against 5.17-rc), 5.19's
/// `group->opened_file` (merged), 6.6's `cdev_device_open_cnt` (iommufd).
@Suite struct FrontEndEraTests {
    static func openStep(_ scheme: SchemeID) throws -> Step {
        let run = Run(topology: Fixture.topology, scheme: Schemes.scheme(scheme), operations: [try AllSchedules.op("claim 7 qemu", Fixture.topology)])
        return try #require(run.programs[0].steps.first { $0.function == "vfio_group_fops_open" })
    }

    @Test(arguments: [SchemeID.notifier, .v6, .robin, .robinLocked])
    func before519(_ scheme: SchemeID) throws {
        let s = try Self.openStep(scheme)
        #expect(s.code.contains("atomic_cmpxchg(&group->opened, 0, 1)"))
        #expect(s.code.contains("atomic_read(&group->container_users)"))
        #expect(!s.code.contains("opened_file") && !s.code.contains("cdev_device_open_cnt"))
        #expect(s.note.contains("5.18") && !s.note.contains("opened_file"))
    }

    @Test func merged519() throws {
        let s = try Self.openStep(.merged)
        #expect(s.code.contains("group->opened_file") && !s.code.contains("cdev_device_open_cnt"))
        #expect(!s.code.contains("atomic_cmpxchg"))
        #expect(s.note.contains("5.19"))
    }

    @Test func iommufd66() throws {
        let s = try Self.openStep(.iommufd)
        #expect(s.code.contains("cdev_device_open_cnt") && s.code.contains("opened_file"))
        #expect(s.note.contains("6.6"))
    }
}
