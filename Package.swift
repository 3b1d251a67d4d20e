// swift-tools-version:6.0
import PackageDescription

// specgen: synthetic RF/sensor training data, FFTW + BLAS synthesis, HDF5 output.
// The C libraries come from Debian (libfftw3-dev, libhdf5-dev, libblas-dev, zlib1g-dev, libcairo2-dev); each is reached through
// one system-library target with a shim header, and through one Swift file that makes the raw calls.
// CKernels holds the hot loops in C, each built for the x86-64 baseline and for AVX2 from one body and
// chosen at run time (same bits either way: Sources/CKernels/include/specgen_kernels.h).

let package = Package(
    name: "specgen",
    products: [
        .executable(name: "specgen", targets: ["specgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CVectorMath", path: "Sources/CVectorMath"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .target(name: "CChecksum"),
        .target(name: "CKernels"),
        .target(
            name: "SpecGenDSP",
            dependencies: ["CFFTW", "CBLAS", "CVectorMath", "CKernels", .product(name: "Numerics", package: "swift-numerics")]),
        .target(name: "SpecGenScenario"),
        .target(name: "SpecGenPolicy", dependencies: ["SpecGenScenario", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SpecGenHDF5", dependencies: ["CHDF5", "CZlib", "CChecksum", "SpecGenPolicy"]),
        .target(
            name: "SpecGenSignals",
            dependencies: ["SpecGenDSP", "CVectorMath", "CKernels", .product(name: "Numerics", package: "swift-numerics")]),
        .target(
            name: "SpecGenEngine",
            dependencies: [
                "SpecGenDSP", "SpecGenSignals", "SpecGenScenario", "SpecGenPolicy", "SpecGenHDF5",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "SpecGenAudit", dependencies: ["SpecGenHDF5", "SpecGenPolicy", "SpecGenScenario", "SpecGenEngine"]),
        .target(
            name: "SpecGenPlot",
            dependencies: ["CCairo", "SpecGenDSP", "SpecGenHDF5", .product(name: "Numerics", package: "swift-numerics")]),
        .executableTarget(
            name: "specgen",
            dependencies: ["SpecGenEngine", "SpecGenScenario", "SpecGenPolicy", "SpecGenAudit", "SpecGenPlot", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(
            name: "SpecGenTestSupport",
            dependencies: ["SpecGenDSP", "SpecGenSignals", .product(name: "Numerics", package: "swift-numerics")],
            path: "Tests/SpecGenTestSupport"),
        .testTarget(name: "SpecGenDSPTests", dependencies: ["SpecGenDSP", "SpecGenTestSupport"]),
        .testTarget(name: "SpecGenScenarioTests", dependencies: ["SpecGenScenario"]),
        .testTarget(name: "SpecGenPolicyTests", dependencies: ["SpecGenPolicy", "SpecGenScenario", "SpecGenTestSupport"]),
        .testTarget(name: "SpecGenHDF5Tests", dependencies: ["SpecGenHDF5", "SpecGenPolicy", "SpecGenTestSupport"]),
        .testTarget(name: "SpecGenSignalsTests", dependencies: ["SpecGenSignals", "SpecGenDSP", "SpecGenTestSupport"]),
        .testTarget(name: "SpecGenPlotTests", dependencies: ["SpecGenPlot", "SpecGenHDF5"]),
        .testTarget(
            name: "SpecGenEngineTests",
            dependencies: ["SpecGenEngine", "SpecGenScenario", "SpecGenDSP", "SpecGenSignals", "SpecGenHDF5", "SpecGenTestSupport"]),
    ]
)
