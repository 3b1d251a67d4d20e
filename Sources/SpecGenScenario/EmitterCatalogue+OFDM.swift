extension EmitterCatalogue {
    static let ofdm: [EmitterFamily] = []
}
