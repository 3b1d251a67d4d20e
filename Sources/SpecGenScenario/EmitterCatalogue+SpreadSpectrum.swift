extension EmitterCatalogue {
    static let spreadSpectrum: [EmitterFamily] = []
}
