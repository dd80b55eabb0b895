/// The scenarios bundled in the binary, each showing one idea, so a teacher or reviewer can start
/// without writing a file; `dmaown scenarios show NAME` prints one as a starting point to edit.
public enum BuiltinScenarios {
    /// Every built-in scenario's name and TOML text, in teaching order.
    ///
    /// The texts are the files in `Sources/DMAOwnScenario/Scenarios/`, embedded in the binary by
    /// SwiftPM (`.embedInCode`), so a copied binary needs no source tree and people can read, copy
    /// and lint the scenarios as ordinary TOML files. A test keeps this list and that folder in step.
    public static let all: [(name: String, text: String)] = [
        // The kernel's known cases S1–S8: one idea each, merged scheme unless the file says otherwise.
        ("s1-vfio-owns-sibling-binds", PackageResources.s1_vfio_owns_sibling_binds_toml),
        ("s2-kernel-driver-blocks-claim", PackageResources.s2_kernel_driver_blocks_claim_toml),
        ("s3-pci-stub-sibling-allows-claim", PackageResources.s3_pci_stub_sibling_allows_claim_toml),
        ("s4-bridge-on-pcieport", PackageResources.s4_bridge_on_pcieport_toml),
        ("s5-bind-vs-claim", PackageResources.s5_bind_vs_claim_toml),
        ("s6-claim-after-unbind", PackageResources.s6_claim_after_unbind_toml),
        ("s7-release-then-bind", PackageResources.s7_release_then_bind_toml),
        ("s8-iommufd-shared-claims", PackageResources.s8_iommufd_shared_claims_toml),
        // The designs argued over: the pre-5.19 crash, v6's nesting, Robin's cases, his holes, the locked scan.
        ("notifier-bug-on", PackageResources.notifier_bug_on_toml),
        ("v6-nested-claim", PackageResources.v6_nested_claim_toml),
        ("robin-case-1", PackageResources.robin_case_1_toml),
        ("robin-case-2", PackageResources.robin_case_2_toml),
        ("robin-case-3", PackageResources.robin_case_3_toml),
        ("robin-case-4", PackageResources.robin_case_4_toml),
        ("robin-stale-owner", PackageResources.robin_stale_owner_toml),
        ("robin-failed-probe", PackageResources.robin_failed_probe_toml),
        ("robin-locked-deadlock", PackageResources.robin_locked_deadlock_toml),
        // Kernel build options: CONFIG_DEBUG_TEST_DRIVER_REMOVE's test_remove path before its 6.6 fix.
        ("test-remove-leak", PackageResources.test_remove_leak_toml),
        // Whole machines: a bridge without ACS, many groups at once.
        ("bridge-group", PackageResources.bridge_group_toml),
        ("busy-machine", PackageResources.busy_machine_toml),
    ].map { (name: $0.0, text: String(decoding: $0.1, as: UTF8.self)) }

    /// The file names of the embedded scenarios, for the test that keeps `all` and the folder in step.
    public static var fileNames: [String] { all.map { "\($0.name).toml" } }

    /// The scenario the TUI opens when none is named: the race every design must get right.
    public static let defaultName = "s5-bind-vs-claim"

    /// The TOML text of the built-in scenario `name`, if there is one.
    public static func named(_ name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    /// Loads the built-in scenario `name`; its errors name the source `built-in:NAME`.
    public static func load(_ name: String) throws(ScenarioError) -> Scenario {
        guard let text = named(name) else {
            throw ScenarioError(file: "built-in:\(name)", line: 0, value: name,
                                message: "no built-in scenario named '\(name)' (list them with 'dmaown scenarios')")
        }
        return try ScenarioLoader.parse(text, source: "built-in:\(name)")
    }
}
