package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Fills the in-memory search index from the database when the service starts. */
@Singleton
public class SearchIndexLoader {

    private final CatalogueService catalogue;

    public SearchIndexLoader(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        catalogue.reindex();
    }
}
