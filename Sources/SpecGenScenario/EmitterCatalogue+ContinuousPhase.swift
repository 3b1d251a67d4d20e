extension EmitterCatalogue {
    static let continuousPhase: [EmitterFamily] = []
}
