extension EmitterCatalogue {
    static let chirp: [EmitterFamily] = []
}
