import SpecGenPolicy
import SpecGenTestSupport
import Testing

@Suite struct ReleasePolicyTests {
    /// Property: for many random field sets and allow-lists (fixed seed), what is released is exactly
    /// the intersection — never a field the list does not name — and comes out sorted.
    @Test func allowListReleasesExactlyTheAllowedFields() {
        var generator = SplitMix64(seed: 2026)
        let universe = (0 ..< 30).map { "group\($0 % 4).field\($0)" }
        for _ in 0 ..< 500 {
            let present = Set(universe.filter { _ in generator.next() % 2 == 0 })
            let allowed = Set(universe.filter { _ in generator.next() % 3 == 0 })
            let policy = ReleasePolicy.allowList("test", fields: allowed)
            let raw = Dictionary(uniqueKeysWithValues: present.map { ($0, MetadataValue.real(1)) })
            let released = policy.release(raw).fields.map(\.path)
            #expect(Set(released) == present.intersection(allowed))
            #expect(released == released.sorted())
            let layout = policy.layout(for: Dictionary(uniqueKeysWithValues: present.map { ($0, ColumnType.float64) }))
            #expect(Set(layout.columns.map(\.path)) == present.intersection(allowed))
        }
    }

    @Test func blockValuesFollowTheLayoutOrder() {
        let policy = ReleasePolicy.releaseAll
        let layout = policy.layout(for: ["b": .int32, "a": .float64])
        let released = policy.release(block: ["a": .float64([1, 2]), "b": .int32([3, 4]), "c": .float32([5, 6])], layout: layout)
        #expect(layout.columns.map(\.path) == ["a", "b"])
        #expect(released.values == [.float64([1, 2]), .int32([3, 4])])
    }
}

