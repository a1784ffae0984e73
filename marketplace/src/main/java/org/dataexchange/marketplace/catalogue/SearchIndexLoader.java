package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Fills the in-memory search index from the database when the service starts. */
@Singleton
class SearchIndexLoader {

    private final CatalogueService catalogue;

    SearchIndexLoader(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        catalogue.reindex();
    }
}
