extension EmitterCatalogue {
    static let radar: [EmitterFamily] = []
}
