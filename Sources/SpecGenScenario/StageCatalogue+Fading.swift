extension StageCatalogue {
    static let fading: [StageFamily] = []
}
