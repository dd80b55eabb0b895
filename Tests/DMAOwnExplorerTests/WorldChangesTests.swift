import Testing
import DMAOwnEngine
import DMAOwnExplorer

/// `dmaown replay` prints the fields a step changed, and only those, in the exports' words.
@Suite struct WorldChangesTests {
    @Test func bindStepsReportTheirChanges() {
        let (run, w0) = Fixture.start(.merged, setup: [], threads: ["bind 01:00.1 e1000e"])
        var w = w0
        var log: [[String]] = []
        while run.choices(of: 0, in: w) > 0 {
            let before = w
            run.step(&w, thread: 0)
            log.append(WorldChanges.between(before, w, run: run))
        }
        let all = log.flatMap { $0 }
        #expect(all.contains("device_lock(0000:01:00.1) taken by T1"))
        #expect(all.contains("0000:01:00.1 driver = e1000e"))
        #expect(all.contains("group 7 owner_cnt 0 → 1"))
        #expect(all.contains("0000:01:00.1 starts DMA"))
        #expect(all.contains("0000:01:00.1 phase idle → probing"))
        #expect(all.last == "thread 1 returns 0")
        #expect(WorldChanges.between(w, w, run: run).isEmpty)
    }
}
