extension EmitterCatalogue {
    static let analog: [EmitterFamily] = []
}
