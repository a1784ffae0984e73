package org.dataexchange.marketplace.catalogue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.problem.RefusalsTestDrafts;

/** What demo-merchant does before the operator reviews: a product created, its data uploaded, submitted with the declaration. */
public final class SubmittedProducts {

    private SubmittedProducts() {}

    /** A general-data product titled {@code title}, in review; its id. */
    public static String submit(ApiClient api, String title, String description) {
        Map<String, Object> draft = RefusalsTestDrafts.draft();
        draft.put("title", title);
        draft.put("description", description);
        String id = (String) api.json("demo-merchant", HttpRequest.POST("/api/merchant/products", draft)).get("id");
        byte[] data = ("time,sst\n2026-10-01,21.4\n" + title).getBytes(StandardCharsets.UTF_8);
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/versions",
                MultipartBody.builder().addPart("version", "1.0").addPart("file", "sst.csv", MediaType.TEXT_CSV_TYPE, data).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
        api.json("demo-merchant", HttpRequest.POST("/api/merchant/products/" + id + "/submit", Map.of("sourceLawful", true,
                "rightsHeld", true, "qualityAsDescribed", true, "statement", "自有浮标采集，权利完整 own buoys")));
        return id;
    }
}
