import Testing
import DMAOwnEngine
import DMAOwnExplorer
import DMAOwnScenario

/// The explorer's figures for every built-in scenario under every scheme, and for the bench's
/// scale family, as they were before the throughput work of issue 14: states, transitions,
/// counting states, outcomes, schedules and the invariants broken. Speed-ups to the search
/// (packing, hashing, batching lookups) must not change what it finds or how much it visits.
///
/// The tables were recorded with `dmaown check NAME --scheme S --json --count --max-states 200000`
/// (with and without `--no-por`) and `dmaown bench` from a release build of the code before the
/// change; a change that alters the model on purpose re-records them the same way.
///
/// Re-recorded once since, for a change to the reduction itself: `vfio_group_fops_open` reads
/// only its group's VFIO membership, not every member's record, so a kernel driver's bind no
/// longer conflicts with a VFIO claim. Only the reduced pass's states and transitions changed
/// (the `por` rows' states and transitions, the scale rows' last two numbers), all downwards;
/// every unreduced figure, outcome, schedule total and invariant stayed as recorded.
///
/// Re-recorded for the notifier's release order (5.18's `vfio_group_unset_container` and
/// `vfio_group_try_dissolve_container` drop `container_users` before the detach): four notifier
/// scenarios, see the README's "Changes to the model"; outcome counts, schedule totals and
/// invariants unchanged.
///
/// Re-recorded for VFIO registration (`vfio_register_group_dev` inside vfio-pci's `probe()`, not at
/// `driver_bound()`): the scale rows with a vfio-pci bind and a claim (K ≥ 4) gain the schedules
/// where the claim opens `/dev/vfio/0` between the bind's probe() and driver_bound(), as the
/// kernel allows; states and transitions grow (N = 4, K = 6: 34,194 → 39,572 unreduced, 5,349 →
/// 5,495 reduced), outcome counts do not. No built-in scenario's figure changed.
@Suite struct StateCountGoldenTests {
    /// name scheme pass complete states transitions counting_states outcome_count schedules_total broken
    static let builtin: [String] = [
        "s1-vfio-owns-sibling-binds notifier por true 8 7 8 1 1 bug-on+isolation",
        "s1-vfio-owns-sibling-binds notifier full true 8 7 0 1 1 bug-on+isolation",
        "s1-vfio-owns-sibling-binds v6 por true 8 7 8 1 1 ",
        "s1-vfio-owns-sibling-binds v6 full true 8 7 0 1 1 ",
        "s1-vfio-owns-sibling-binds merged por true 8 7 8 1 1 ",
        "s1-vfio-owns-sibling-binds merged full true 8 7 0 1 1 ",
        "s1-vfio-owns-sibling-binds iommufd por true 8 7 8 1 1 ",
        "s1-vfio-owns-sibling-binds iommufd full true 8 7 0 1 1 ",
        "s1-vfio-owns-sibling-binds robin por true 8 7 8 1 1 ",
        "s1-vfio-owns-sibling-binds robin full true 8 7 0 1 1 ",
        "s1-vfio-owns-sibling-binds robin-locked por true 8 7 8 1 1 ",
        "s1-vfio-owns-sibling-binds robin-locked full true 8 7 0 1 1 ",
        "s2-kernel-driver-blocks-claim notifier por true 7 6 7 1 1 isolation",
        "s2-kernel-driver-blocks-claim notifier full true 7 6 0 1 1 isolation",
        "s2-kernel-driver-blocks-claim v6 por true 4 3 4 1 1 ",
        "s2-kernel-driver-blocks-claim v6 full true 4 3 0 1 1 ",
        "s2-kernel-driver-blocks-claim merged por true 4 3 4 1 1 ",
        "s2-kernel-driver-blocks-claim merged full true 4 3 0 1 1 ",
        "s2-kernel-driver-blocks-claim iommufd por true 4 3 4 1 1 ",
        "s2-kernel-driver-blocks-claim iommufd full true 4 3 0 1 1 ",
        "s2-kernel-driver-blocks-claim robin por true 4 3 4 1 1 ",
        "s2-kernel-driver-blocks-claim robin full true 4 3 0 1 1 ",
        "s2-kernel-driver-blocks-claim robin-locked por true 4 3 4 1 1 ",
        "s2-kernel-driver-blocks-claim robin-locked full true 4 3 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim notifier por true 5 4 5 1 1 ",
        "s3-pci-stub-sibling-allows-claim notifier full true 5 4 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim v6 por true 6 5 6 1 1 ",
        "s3-pci-stub-sibling-allows-claim v6 full true 6 5 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim merged por true 6 5 6 1 1 ",
        "s3-pci-stub-sibling-allows-claim merged full true 6 5 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim iommufd por true 6 5 6 1 1 ",
        "s3-pci-stub-sibling-allows-claim iommufd full true 6 5 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim robin por true 6 5 6 1 1 ",
        "s3-pci-stub-sibling-allows-claim robin full true 6 5 0 1 1 ",
        "s3-pci-stub-sibling-allows-claim robin-locked por true 6 5 6 1 1 ",
        "s3-pci-stub-sibling-allows-claim robin-locked full true 6 5 0 1 1 ",
        "s4-bridge-on-pcieport notifier por true 5 4 5 1 1 ",
        "s4-bridge-on-pcieport notifier full true 5 4 0 1 1 ",
        "s4-bridge-on-pcieport v6 por true 6 5 6 1 1 ",
        "s4-bridge-on-pcieport v6 full true 6 5 0 1 1 ",
        "s4-bridge-on-pcieport merged por true 6 5 6 1 1 ",
        "s4-bridge-on-pcieport merged full true 6 5 0 1 1 ",
        "s4-bridge-on-pcieport iommufd por true 6 5 6 1 1 ",
        "s4-bridge-on-pcieport iommufd full true 6 5 0 1 1 ",
        "s4-bridge-on-pcieport robin por true 6 5 6 1 1 ",
        "s4-bridge-on-pcieport robin full true 6 5 0 1 1 ",
        "s4-bridge-on-pcieport robin-locked por true 6 5 6 1 1 ",
        "s4-bridge-on-pcieport robin-locked full true 6 5 0 1 1 ",
        "s5-bind-vs-claim notifier por true 55 81 59 3 1373 bug-on+isolation",
        "s5-bind-vs-claim notifier full true 59 89 0 3 1373 bug-on+isolation",
        "s5-bind-vs-claim v6 por true 31 36 52 2 277 ",
        "s5-bind-vs-claim v6 full true 52 82 0 2 277 ",
        "s5-bind-vs-claim merged por true 31 36 52 2 277 ",
        "s5-bind-vs-claim merged full true 52 82 0 2 277 ",
        "s5-bind-vs-claim iommufd por true 31 36 52 2 277 ",
        "s5-bind-vs-claim iommufd full true 52 82 0 2 277 ",
        "s5-bind-vs-claim robin por true 43 63 52 2 277 ",
        "s5-bind-vs-claim robin full true 52 82 0 2 277 ",
        "s5-bind-vs-claim robin-locked por true 43 63 52 2 277 ",
        "s5-bind-vs-claim robin-locked full true 52 82 0 2 277 ",
        "s6-claim-after-unbind notifier por true 29 42 36 2 210 isolation",
        "s6-claim-after-unbind notifier full true 36 58 0 2 210 isolation",
        "s6-claim-after-unbind v6 por true 27 31 37 2 71 ",
        "s6-claim-after-unbind v6 full true 37 55 0 2 71 ",
        "s6-claim-after-unbind merged por true 27 31 37 2 71 ",
        "s6-claim-after-unbind merged full true 37 55 0 2 71 ",
        "s6-claim-after-unbind iommufd por true 27 31 37 2 71 ",
        "s6-claim-after-unbind iommufd full true 37 55 0 2 71 ",
        "s6-claim-after-unbind robin por true 33 47 37 2 71 ",
        "s6-claim-after-unbind robin full true 37 55 0 2 71 ",
        "s6-claim-after-unbind robin-locked por true 36 51 40 2 76 lock-order",
        "s6-claim-after-unbind robin-locked full true 40 59 0 2 76 lock-order",
        "s7-release-then-bind notifier por true 17 21 32 2 120 bug-on+isolation",
        "s7-release-then-bind notifier full true 32 51 0 2 120 bug-on+isolation",
        "s7-release-then-bind v6 por true 24 26 49 2 267 ",
        "s7-release-then-bind v6 full true 49 76 0 2 267 ",
        "s7-release-then-bind merged por true 24 26 49 2 267 ",
        "s7-release-then-bind merged full true 49 76 0 2 267 ",
        "s7-release-then-bind iommufd por true 24 26 49 2 267 ",
        "s7-release-then-bind iommufd full true 49 76 0 2 267 ",
        "s7-release-then-bind robin por true 19 20 34 2 57 ",
        "s7-release-then-bind robin full true 34 50 0 2 57 ",
        "s7-release-then-bind robin-locked por true 19 20 34 2 57 ",
        "s7-release-then-bind robin-locked full true 34 50 0 2 57 ",
        "s8-iommufd-shared-claims notifier por true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims notifier full true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims v6 por true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims v6 full true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims merged por true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims merged full true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims iommufd por true 143 254 143 2 1200 ",
        "s8-iommufd-shared-claims iommufd full true 143 254 0 2 1200 ",
        "s8-iommufd-shared-claims robin por true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims robin full true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims robin-locked por true 6 3 6 1 6 ",
        "s8-iommufd-shared-claims robin-locked full true 6 3 6 1 6 ",
        "notifier-bug-on notifier por true 8 7 8 1 1 bug-on+isolation",
        "notifier-bug-on notifier full true 8 7 0 1 1 bug-on+isolation",
        "notifier-bug-on v6 por true 8 7 8 1 1 ",
        "notifier-bug-on v6 full true 8 7 0 1 1 ",
        "notifier-bug-on merged por true 8 7 8 1 1 ",
        "notifier-bug-on merged full true 8 7 0 1 1 ",
        "notifier-bug-on iommufd por true 8 7 8 1 1 ",
        "notifier-bug-on iommufd full true 8 7 0 1 1 ",
        "notifier-bug-on robin por true 8 7 8 1 1 ",
        "notifier-bug-on robin full true 8 7 0 1 1 ",
        "notifier-bug-on robin-locked por true 8 7 8 1 1 ",
        "notifier-bug-on robin-locked full true 8 7 0 1 1 ",
        "v6-nested-claim v6 por true 19 18 19 1 3 ",
        "v6-nested-claim v6 full true 19 18 0 1 3 ",
        "v6-nested-claim merged por true 16 16 16 2 3 ",
        "v6-nested-claim merged full true 16 16 0 2 3 ",
        "v6-nested-claim iommufd por true 16 16 16 2 3 ",
        "v6-nested-claim iommufd full true 16 16 0 2 3 ",
        "robin-case-1 notifier por true 10 8 10 1 70 ",
        "robin-case-1 notifier full true 10 8 10 1 70 ",
        "robin-case-1 v6 por true 14 12 14 1 792 ",
        "robin-case-1 v6 full true 14 12 14 1 792 ",
        "robin-case-1 merged por true 14 12 14 1 792 ",
        "robin-case-1 merged full true 14 12 14 1 792 ",
        "robin-case-1 iommufd por true 14 12 14 1 792 ",
        "robin-case-1 iommufd full true 14 12 14 1 792 ",
        "robin-case-1 robin por true 16 14 16 1 3432 ",
        "robin-case-1 robin full true 16 14 16 1 3432 ",
        "robin-case-1 robin-locked por true 20 18 20 1 43758 lock-order",
        "robin-case-1 robin-locked full true 20 18 20 1 43758 lock-order",
        "robin-case-2 notifier por true 8021 23502 12800 16 68481496636332729 bug-on+isolation",
        "robin-case-2 notifier full true 12800 48720 0 16 68481496636332729 bug-on+isolation",
        "robin-case-2 v6 por true 59 64 127 1 289970915907206476800 ",
        "robin-case-2 v6 full true 127 212 127 1 289970915907206476800 ",
        "robin-case-2 merged por true 59 64 127 1 289970915907206476800 ",
        "robin-case-2 merged full true 127 212 127 1 289970915907206476800 ",
        "robin-case-2 iommufd por true 59 64 127 1 289970915907206476800 ",
        "robin-case-2 iommufd full true 127 212 127 1 289970915907206476800 ",
        "robin-case-2 robin por true 573 1413 679 1 4866644742498570240000 ",
        "robin-case-2 robin full true 679 1703 679 1 4866644742498570240000 ",
        "robin-case-2 robin-locked por true 578 1351 660 4 5743703671110601045200 deadlock+lock-order",
        "robin-case-2 robin-locked full true 660 1572 660 4 5743703671110601045200 deadlock+lock-order",
        "robin-case-3 notifier por true 29 42 36 2 210 isolation",
        "robin-case-3 notifier full true 36 58 0 2 210 isolation",
        "robin-case-3 v6 por true 27 31 37 2 71 ",
        "robin-case-3 v6 full true 37 55 0 2 71 ",
        "robin-case-3 merged por true 27 31 37 2 71 ",
        "robin-case-3 merged full true 37 55 0 2 71 ",
        "robin-case-3 iommufd por true 27 31 37 2 71 ",
        "robin-case-3 iommufd full true 37 55 0 2 71 ",
        "robin-case-3 robin por true 33 47 37 2 71 ",
        "robin-case-3 robin full true 37 55 0 2 71 ",
        "robin-case-3 robin-locked por true 39 55 43 2 81 lock-order",
        "robin-case-3 robin-locked full true 43 63 0 2 81 lock-order",
        "robin-case-4 notifier por true 38 42 150 1 305540235000 ",
        "robin-case-4 notifier full true 150 340 150 1 305540235000 ",
        "robin-case-4 v6 por true 115 140 414 1 112690669406515200 ",
        "robin-case-4 v6 full true 414 1023 414 1 112690669406515200 ",
        "robin-case-4 merged por true 115 140 414 1 112690669406515200 ",
        "robin-case-4 merged full true 414 1023 414 1 112690669406515200 ",
        "robin-case-4 iommufd por true 115 140 414 1 112690669406515200 ",
        "robin-case-4 iommufd full true 414 1023 414 1 112690669406515200 ",
        "robin-case-4 robin por true 506 1123 619 1 384276144809779200000 ",
        "robin-case-4 robin full true 619 1492 619 1 384276144809779200000 ",
        "robin-case-4 robin-locked por true 540 1067 640 10 6077943296203589580 deadlock+lock-order",
        "robin-case-4 robin-locked full true 640 1363 640 10 6077943296203589580 deadlock+lock-order",
        "robin-stale-owner notifier por true 25 31 50 2 456 ",
        "robin-stale-owner notifier full true 50 85 0 2 456 ",
        "robin-stale-owner v6 por true 39 44 87 2 4707 ",
        "robin-stale-owner v6 full true 87 153 0 2 4707 ",
        "robin-stale-owner merged por true 39 44 87 2 4707 ",
        "robin-stale-owner merged full true 87 153 0 2 4707 ",
        "robin-stale-owner iommufd por true 39 44 87 2 4707 ",
        "robin-stale-owner iommufd full true 87 153 0 2 4707 ",
        "robin-stale-owner robin por true 80 131 97 2 4707 stale-owner",
        "robin-stale-owner robin full true 97 168 0 2 4707 stale-owner",
        "robin-stale-owner robin-locked por true 77 121 90 3 1428 deadlock+lock-order",
        "robin-stale-owner robin-locked full true 90 149 0 3 1428 deadlock+lock-order",
        "robin-failed-probe notifier por true 30 42 60 2 1210 ",
        "robin-failed-probe notifier full true 60 103 0 2 1210 ",
        "robin-failed-probe v6 por true 55 69 110 2 21928 ",
        "robin-failed-probe v6 full true 110 194 0 2 21928 ",
        "robin-failed-probe merged por true 55 69 110 2 21928 ",
        "robin-failed-probe merged full true 110 194 0 2 21928 ",
        "robin-failed-probe iommufd por true 55 69 110 2 21928 ",
        "robin-failed-probe iommufd full true 110 194 0 2 21928 ",
        "robin-failed-probe robin por true 104 171 124 2 21928 stale-owner",
        "robin-failed-probe robin full true 124 213 0 2 21928 stale-owner",
        "robin-failed-probe robin-locked por true 100 155 115 3 3707 deadlock+lock-order",
        "robin-failed-probe robin-locked full true 115 186 0 3 3707 deadlock+lock-order",
        "robin-locked-deadlock notifier por true 19 25 40 1 330 ",
        "robin-locked-deadlock notifier full true 40 67 0 1 330 ",
        "robin-locked-deadlock v6 por true 32 37 71 1 3915 ",
        "robin-locked-deadlock v6 full true 71 123 0 1 3915 ",
        "robin-locked-deadlock merged por true 32 37 71 1 3915 ",
        "robin-locked-deadlock merged full true 71 123 0 1 3915 ",
        "robin-locked-deadlock iommufd por true 32 37 71 1 3915 ",
        "robin-locked-deadlock iommufd full true 71 123 0 1 3915 ",
        "robin-locked-deadlock robin por true 66 110 77 1 3915 ",
        "robin-locked-deadlock robin full true 77 132 0 1 3915 ",
        "robin-locked-deadlock robin-locked por true 65 103 73 2 1170 deadlock+lock-order",
        "robin-locked-deadlock robin-locked full true 73 119 0 2 1170 deadlock+lock-order",
        "test-remove-leak notifier por true 103 157 107 3 22598 bug-on+isolation",
        "test-remove-leak notifier full true 107 173 0 3 22598 bug-on+isolation",
        "test-remove-leak v6 por true 58 72 79 2 501 stale-owner",
        "test-remove-leak v6 full true 79 127 0 2 501 stale-owner",
        "test-remove-leak merged por true 58 72 79 2 501 stale-owner",
        "test-remove-leak merged full true 79 127 0 2 501 stale-owner",
        "test-remove-leak iommufd por true 58 72 79 2 501 stale-owner",
        "test-remove-leak iommufd full true 79 127 0 2 501 stale-owner",
        "test-remove-leak robin por true 70 108 79 2 501 ",
        "test-remove-leak robin full true 79 127 0 2 501 ",
        "test-remove-leak robin-locked por true 70 108 79 2 501 ",
        "test-remove-leak robin-locked full true 79 127 0 2 501 ",
        "bridge-group notifier por true 55 81 59 3 1373 bug-on+isolation",
        "bridge-group notifier full true 59 89 0 3 1373 bug-on+isolation",
        "bridge-group v6 por true 30 35 52 2 277 ",
        "bridge-group v6 full true 52 82 0 2 277 ",
        "bridge-group merged por true 30 35 52 2 277 ",
        "bridge-group merged full true 52 82 0 2 277 ",
        "bridge-group iommufd por true 30 35 52 2 277 ",
        "bridge-group iommufd full true 52 82 0 2 277 ",
        "bridge-group robin por true 42 62 52 2 277 ",
        "bridge-group robin full true 52 82 0 2 277 ",
        "bridge-group robin-locked por true 42 62 52 2 277 ",
        "bridge-group robin-locked full true 52 82 0 2 277 ",
        "busy-machine notifier por true 5076 13975 11520 2 24692365037340000 isolation",
        "busy-machine notifier full true 11520 47936 0 2 24692365037340000 isolation",
        "busy-machine v6 por true 50 51 60 2 915884192406783600 ",
        "busy-machine v6 full true 60 75 60 2 915884192406783600 ",
        "busy-machine merged por true 50 51 60 2 915884192406783600 ",
        "busy-machine merged full true 60 75 60 2 915884192406783600 ",
        "busy-machine iommufd por true 50 51 60 2 915884192406783600 ",
        "busy-machine iommufd full true 60 75 60 2 915884192406783600 ",
        "busy-machine robin por true 56 67 60 2 915884192406783600 ",
        "busy-machine robin full true 60 75 60 2 915884192406783600 ",
        "busy-machine robin-locked por true 59 71 63 2 2640202359330135600 lock-order",
        "busy-machine robin-locked full true 63 79 63 2 2640202359330135600 lock-order",
    ]

    /// n k states transitions outcomes (unreduced) states transitions (reduced)
    static let scale: [String] = [
        "2 2 21 20 2 21 20",
        "2 3 168 307 2 42 45",
        "2 4 596 1324 5 310 424",
        "2 5 1894 4487 7 1055 1500",
        "2 6 4378 11269 10 2642 4138",
        "2 7 11984 31458 13 7032 10896",
        "3 2 80 140 1 31 36",
        "3 3 640 1680 1 75 97",
        "3 4 2008 6004 3 442 757",
        "3 5 5476 17158 5 1380 2272",
        "3 6 15078 49741 9 4322 6833",
        "3 7 44028 149000 13 11641 18072",
        "4 2 80 140 1 31 36",
        "4 3 640 1680 1 75 97",
        "4 4 2008 6004 3 442 757",
        "4 5 14076 53516 3 1791 3250",
        "4 6 39572 156920 5 5495 9557",
        "4 7 130924 540656 9 15993 27300",
    ]

    /// The DMA-only family (six devices, no VFIO driver, no claim): k states transitions outcomes (unreduced).
    static let dmaOnly: [String] = [
        "5 41664 174240 1",
    ]

    /// One built-in scenario's line, computed as `dmaown check NAME --scheme S --json --count --max-states 200000` would.
    static func line(name: String, scheme: SchemeID, por: Bool) throws -> String? {
        let scenario = try BuiltinScenarios.load(name)
        guard case .success(let (run, world)) = scenario.prepare(scheme: scheme) else { return nil }
        let options = ExplorationOptions(maxStates: 200_000, partialOrderReduction: por, countingBudget: nil,
                                         maxBytes: ExplorationOptions.defaultMaxBytes)
        let e = Explorer(run: run, world: world, options: options).explore()
        let broken = e.broken.map(\.rawValue).sorted().joined(separator: "+")
        return [name, scheme.rawValue, por ? "por" : "full", "\(e.complete)", "\(e.states)", "\(e.transitions)",
                "\(e.countingStates)", "\(e.outcomeCount)", "\(e.totalSchedules)", broken].joined(separator: " ")
    }

    @Test func builtinScenariosVisitTheSameStates() throws {
        #expect(Self.builtin.count > 100)
        for expected in Self.builtin {
            let f = expected.split(separator: " ", omittingEmptySubsequences: false)
            let scheme = try #require(SchemeID(rawValue: String(f[1])), "\(expected)")
            let got = try Self.line(name: String(f[0]), scheme: scheme, por: f[2] == "por")
            #expect(got == expected)
        }
    }

    /// Every scheme a built-in scenario's setup works under is in the table, so none is skipped unseen.
    @Test func theTableCoversEveryPreparableScenario() throws {
        let listed = Set(Self.builtin.map { $0.split(separator: " ").prefix(3).joined(separator: " ") })
        for (name, _) in BuiltinScenarios.all {
            let scenario = try BuiltinScenarios.load(name)
            for scheme in SchemeID.allCases {
                guard case .success = scenario.prepare(scheme: scheme) else { continue }
                #expect(listed.contains("\(name) \(scheme.rawValue) full"), "\(name) under \(scheme.rawValue) is not in the table")
            }
        }
    }

    /// The bench's DMA-only rows, where issue 10 asked the VFIO front end to cost no speed: pinned
    /// so a states-per-second figure compares like with like between versions.
    @Test func dmaOnlyFamilyVisitsTheSameStates() {
        for expected in Self.dmaOnly {
            let f = expected.split(separator: " ").compactMap { Int($0) }
            let c = ScaleFamily.make(devices: 6, operations: f[0], mix: .dmaOnly)
            #expect(!c.lines.contains { $0.contains("vfio") || $0.contains("claim") }, "\(c.lines)")
            let full = Explorer(run: c.run, world: c.world, options: .init(partialOrderReduction: false, countingBudget: nil, splitClusters: false)).explore()
            #expect("\(f[0]) \(full.states) \(full.transitions) \(full.outcomeCount)" == expected)
        }
    }

    @Test func scaleFamilyVisitsTheSameStates() {
        for expected in Self.scale {
            let f = expected.split(separator: " ").compactMap { Int($0) }
            let c = ScaleFamily.make(devices: f[0], operations: f[1])
            // As the bench measures them: the unreduced graph and the reduced one, no thread folded
            // (N = 2 and 3 repeat binds of one device).
            let full = Explorer(run: c.run, world: c.world, options: .init(partialOrderReduction: false, countingBudget: nil, splitClusters: false,
                                                                           threadSymmetry: false)).explore()
            let reduced = Explorer(run: c.run, world: c.world, options: .init(partialOrderReduction: true, countSchedules: false, splitClusters: false,
                                                                              threadSymmetry: false)).explore()
            let got = "\(f[0]) \(f[1]) \(full.states) \(full.transitions) \(full.outcomeCount) \(reduced.states) \(reduced.transitions)"
            #expect(got == expected)
        }
    }
}
