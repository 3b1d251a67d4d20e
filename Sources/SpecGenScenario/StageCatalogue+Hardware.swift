extension StageCatalogue {
    static let hardware: [StageFamily] = []
}
