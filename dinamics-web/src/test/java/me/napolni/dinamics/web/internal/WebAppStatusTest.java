package me.napolni.dinamics.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reason words mapped onto HTTP statuses, as docs/api.md lists them. */
class WebAppStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"out_of_range,400", "inconsistent,400", "busy,503", "overloaded,503", "storage_error,507",
        "internal_error,500", "evse_timeout,504", "evse_offline,409", "not_configured,409", "update_failed,409"})
    void shouldMapEachReasonToItsDocumentedStatusWhenARequestIsRefused(String reason, int status) {
        assertEquals(status, WebApp.statusFor(reason));
    }
}
