import DMAOwnEngine

/// `dmaown learn`'s course: lessons in teaching order, from one bind alone to the seed's argument
/// (Robin's proposal, its holes and the locked scan). A lesson is a scenario file with a `[goal]`.
public enum Course {
    /// Every lesson's name and TOML text, in course order (lesson 1 first).
    ///
    /// The texts are the files in `Sources/DMAOwnScenario/Lessons/`, embedded like the built-in
    /// scenarios; this list is the one place their order is kept, and a test fixes it.
    public static let all: [(name: String, text: String)] = [
        ("bind-alone", PackageResources.bind_alone_toml),
        ("unbind-alone", PackageResources.unbind_alone_toml),
        ("managed-sibling-claim", PackageResources.managed_sibling_claim_toml),
        ("kernel-driver-refuses-claim", PackageResources.kernel_driver_refuses_claim_toml),
        ("vfio-owner-refuses-bind", PackageResources.vfio_owner_refuses_bind_toml),
        ("s5-bind-wins", PackageResources.s5_bind_wins_toml),
        ("s5-claim-wins", PackageResources.s5_claim_wins_toml),
        ("notifier-crash", PackageResources.notifier_crash_toml),
        ("notifier-silent-claim", PackageResources.notifier_silent_claim_toml),
        ("v6-nesting", PackageResources.v6_nesting_toml),
        ("iommufd-sharing", PackageResources.iommufd_sharing_toml),
        ("robin-handover", PackageResources.robin_handover_toml),
        ("robin-pinctrl-stale-owner", PackageResources.robin_pinctrl_stale_owner_toml),
        ("robin-failure-hook", PackageResources.robin_failure_hook_toml),
        ("robin-locked-abba", PackageResources.robin_locked_abba_toml),
        ("test-remove-count-leak", PackageResources.test_remove_count_leak_toml),
    ].map { (name: $0.0, text: String(decoding: $0.1, as: UTF8.self)) }

    /// The file names of the embedded lessons, for the test that keeps `all` and the folder in step.
    public static var fileNames: [String] { all.map { "\($0.name).toml" } }

    /// Loads lesson `number` (1-based); its errors name the source `lesson:NAME`.
    public static func load(_ number: Int) throws(ScenarioError) -> Scenario {
        guard all.indices.contains(number - 1) else {
            throw ScenarioError(file: "dmaown learn", line: 0, value: String(number),
                                message: "no lesson \(number) (the course has lessons 1 to \(all.count); list them with 'dmaown learn --list')")
        }
        let entry = all[number - 1]
        let scenario = try ScenarioLoader.parse(entry.text, source: "lesson:\(entry.name)")
        guard scenario.goal != nil else {
            throw ScenarioError(file: "lesson:\(entry.name)", line: 1, value: entry.name, message: "lesson \(DisplayText.quote(entry.name)) has no [goal]")
        }
        return scenario
    }
}
