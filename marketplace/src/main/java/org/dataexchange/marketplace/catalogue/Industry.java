package org.dataexchange.marketplace.catalogue;

/** Industries a data product serves. */
public enum Industry {
    FINANCE, TRANSPORT, HEALTHCARE, METEOROLOGY, ENERGY, GOVERNMENT, RETAIL, OCEAN, MANUFACTURING, AGRICULTURE
}
