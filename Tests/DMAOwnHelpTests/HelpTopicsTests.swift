import DMAOwnEngine
import DMAOwnHelp
import Testing

/// The help texts define every word the program uses; these keep them in step with the engine.
@Suite struct HelpTopicsTests {
    @Test func invariantsHelpDefinesExactlyTheEngineInvariantsInOrder() {
        let sections = HelpTopics.sections(HelpTopics.invariants)
        #expect(sections.map(\.title) == Invariant.allCases.map(\.rawValue))
        #expect(!sections.isEmpty, "the loop below checks something")
        for s in sections {
            #expect(s.paragraphs.contains { $0.hasPrefix("Definition: ") && $0.count > 40 }, "\(s.title) has no definition")
            #expect(s.paragraphs.contains { $0.hasPrefix("Example: ") && $0.count > 40 }, "\(s.title) has no example")
        }
    }

    @Test func everySchemeHasATopicWithItsDescriptionAndSources() {
        #expect(!Schemes.all.isEmpty, "the loop below checks something")
        for scheme in Schemes.all {
            let text = HelpTopics.text(scheme.id.rawValue)
            #expect(text?.contains(scheme.info.summary) == true)
            #expect(!scheme.info.sources.isEmpty, "the loop below checks something")
            for source in scheme.info.sources { #expect(text?.contains(source) == true) }
            #expect(HelpTopics.text("schemes")?.contains("## \(scheme.id.rawValue): \(scheme.info.title)") == true)
        }
    }

    @Test func conceptsDefineTheWordsOnScreen() {
        let titles = HelpTopics.sections(HelpTopics.concepts).map(\.title).joined(separator: "\n")
        for word in ["IOMMU group", "owner", "owner_cnt", "domains", "driver_managed_dma", "VFIO drivers", "device_lock and group->mutex", "decisions"] {
            #expect(titles.contains(word), "concepts lack \(word)")
        }
    }

    @Test func unknownTopicsAreNil() {
        #expect(HelpTopics.text("check") == nil)
        #expect(HelpTopics.text("scenario-format")?.contains("bind DEVICE DRIVER") == true)
    }
}
