package com.chartfeed;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's packages depend one way (docs/architecture.md, "How the modules fit"): the kernels,
 * the error vocabulary and the settings checks at the bottom, then candles, the indicator
 * catalogue (which reads candle columns), the cache, the services, HTTP, the event and batch entry
 * points, and the Lambda plumbing on top. A newcomer can then read any package knowing only the ones below it.
 */
@AnalyzeClasses(packages = "com.chartfeed", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.chartfeed.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersDependDownwardsOnly = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Problems").definedBy("com.chartfeed.problems..")
            .layer("Settings").definedBy("com.chartfeed.settings..")
            .layer("Kernels").definedBy("com.chartfeed.indicators.kernels..")
            .layer("Candles").definedBy("com.chartfeed.candles..")
            .layer("Catalogue").definedBy("com.chartfeed.indicators")
            .layer("Cache").definedBy("com.chartfeed.cache..")
            .layer("Services").definedBy("com.chartfeed.service..", "com.chartfeed.metrics..", "com.chartfeed.logging..")
            .layer("Http").definedBy("com.chartfeed.api..")
            .layer("EntryPoints").definedBy("com.chartfeed.batch..", "com.chartfeed.ingestion..")
            .layer("Lambda").definedBy("com.chartfeed.lambda..")
            .whereLayer("Lambda").mayNotBeAccessedByAnyLayer()
            .whereLayer("Settings").mayNotAccessAnyLayer()
            .whereLayer("EntryPoints").mayOnlyBeAccessedByLayers("Lambda")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("EntryPoints", "Lambda")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Http", "EntryPoints", "Lambda")
            .whereLayer("Cache").mayOnlyBeAccessedByLayers("Services", "Http", "EntryPoints", "Lambda")
            .whereLayer("Catalogue").mayOnlyBeAccessedByLayers("Cache", "Services", "Http", "EntryPoints", "Lambda")
            .whereLayer("Candles").mayOnlyBeAccessedByLayers("Catalogue", "Cache", "Services", "Http", "EntryPoints",
                    "Lambda")
            .whereLayer("Kernels").mayOnlyBeAccessedByLayers("Catalogue", "Cache", "Services", "Http", "EntryPoints",
                    "Lambda");
}
