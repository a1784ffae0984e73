package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;

/** Orders: placing (with an Idempotency-Key), paying, cancelling, reading; the regulator's gate decisions. */
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrderController {

    private OrderController() {}

    @Serdeable
    public record Decision(@NotBlank @Size(max = 200) String reference) {}

    @Controller("/api/orders")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Orders {
        private final OrderService orders;

        public Orders(OrderService orders) {
            this.orders = orders;
        }

        @Post
        @Secured({"BUYER", "MERCHANT"})
        public HttpResponse<OrderView> place(@Nullable @Header("Idempotency-Key") String key, @Body @Valid PlaceOrder order,
                                             Authentication auth) {
            return HttpResponse.created(orders.place(Viewer.of(auth), (String) auth.getAttributes().get("accountId"), key, order));
        }

        @Get
        @Secured({"BUYER", "MERCHANT"})
        public List<OrderView> mine(Authentication auth) {
            return orders.mine(Viewer.of(auth));
        }

        @Get("/{id}")
        @Secured(SecurityRule.IS_AUTHENTICATED)
        public OrderView get(@PathVariable String id, Authentication auth) {
            return orders.get(Viewer.of(auth), id);
        }

        @Post("/{id}/pay")
        @Secured({"BUYER", "MERCHANT"})
        public OrderView pay(@PathVariable String id, Authentication auth) {
            return orders.pay(Viewer.of(auth), id);
        }

        @Post("/{id}/cancel")
        @Secured({"BUYER", "MERCHANT"})
        public OrderView cancel(@PathVariable String id, Authentication auth) {
            return orders.cancel(Viewer.of(auth), id);
        }
    }

    @Controller("/api/regulator/orders")
    @Secured("REGULATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Approvals {
        private final OrderService orders;

        public Approvals(OrderService orders) {
            this.orders = orders;
        }

        @Post("/{id}/approve")
        public OrderView approve(@PathVariable String id, @Body @Valid Decision decision, Authentication auth) {
            return orders.decide(Viewer.of(auth), id, true, decision.reference());
        }

        @Post("/{id}/refuse")
        public OrderView refuse(@PathVariable String id, @Body @Valid Decision decision, Authentication auth) {
            return orders.decide(Viewer.of(auth), id, false, decision.reference());
        }
    }
}
