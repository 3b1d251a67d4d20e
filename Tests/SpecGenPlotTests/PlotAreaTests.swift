import SpecGenPlot
import Testing

@Suite struct PlotAreaTests {
    @Test func ticksAreNiceAndInsideTheAxis() {
        let axis = Axis(minimum: -0.5, maximum: 0.5, unit: "cycles/sample", label: "f", displayScale: 1000)
        let ticks = axis.ticks(count: 6)
        #expect(ticks.map { ($0 * 1000).rounded() } == [-400, -200, 0, 200, 400])
        #expect(axis.tickLabel(ticks[0], step: 0.2) == "-400")
        let samples = Axis(minimum: 0, maximum: 1024, unit: "sample", label: "t")
        #expect(samples.ticks(count: 6) == [0, 200, 400, 600, 800, 1000])
        let fine = Axis(minimum: -0.5, maximum: 0.5, unit: "cycles/sample", label: "f")
        #expect(fine.tickLabel(0.25, step: 0.25) == "0.25")
        #expect(fine.tickLabel(0.2, step: 0.2) == "0.2")
    }

    @Test func dataMapsToPixelsWithYUpwards() {
        let area = PlotArea(rect: Rect(x: 100, y: 50, width: 200, height: 100),
                            x: Axis(minimum: 0, maximum: 10, unit: "", label: ""), y: Axis(minimum: -1, maximum: 1, unit: "", label: ""))
        #expect(area.pixelX(0) == 100 && area.pixelX(10) == 300 && area.pixelX(5) == 200)
        #expect(area.pixelY(-1) == 150 && area.pixelY(1) == 50 && area.pixelY(0) == 100)
    }
}
