package org.bloodbridge.engine.query;

import org.bloodbridge.engine.eligibility.DonationType;

/** What a match request asks for, and the donation it needs the donor to be eligible for. */
public enum Product {
    PLATELETS_APHERESIS(DonationType.PLATELETS_APHERESIS),
    RED_CELLS(DonationType.WHOLE_BLOOD);

    private final DonationType donationType;

    Product(DonationType donationType) {
        this.donationType = donationType;
    }

    public DonationType donationType() {
        return donationType;
    }
}
