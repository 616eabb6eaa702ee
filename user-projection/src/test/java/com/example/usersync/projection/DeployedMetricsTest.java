package com.example.usersync.projection;

import com.example.usersync.testing.PrometheusScrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alerting rules in {@code deploy/} name only metrics the
 * services export ({@link PrometheusScrape#USER_COMMAND}, {@link PrometheusScrape#USER_PROJECTION};
 * each service's OperatorMetricsTest proves its list is scraped), so they cannot drift from the code.
 */
class DeployedMetricsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    /** PromQL's functions, aggregations and keywords that may stand where a metric name could. */
    private static final Set<String> PROMQL = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "group",
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "histogram_quantile",
            "abs",
            "absent",
            "absent_over_time",
            "clamp",
            "clamp_min",
            "clamp_max",
            "ceil",
            "floor",
            "round",
            "scalar",
            "vector",
            "time",
            "timestamp",
            "label_replace",
            "label_join",
            "sort",
            "sort_desc",
            "changes",
            "resets",
            "avg_over_time",
            "min_over_time",
            "max_over_time",
            "sum_over_time",
            "count_over_time",
            "last_over_time",
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "inf",
            "nan");

    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void theDashboardAndTheAlertsNameOnlyMetricsTheServicesExport() throws IOException {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper()
                .readTree(DEPLOY.resolve("grafana/user-sync-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        dashboard.findValues("definition").forEach(expr -> expressions.add(expr.asText()));
        int fromDashboard = expressions.size();
        JsonNode alerts = new ObjectMapper(new YAMLFactory())
                .readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile());
        alerts.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertThat(fromDashboard).as("dashboard queries").isGreaterThanOrEqualTo(10);
        assertThat(expressions.size() - fromDashboard).as("alert rules").isGreaterThanOrEqualTo(4);

        Set<String> used = new TreeSet<>();
        expressions.forEach(expr -> used.addAll(metrics(expr)));

        Set<String> exported = new HashSet<>();
        for (String name : union()) {
            exported.add(name);
            PrometheusScrape.HISTOGRAM_SUFFIXES.forEach(suffix -> exported.add(name + suffix));
        }
        assertThat(used).as("metrics the deploy files use").isNotEmpty().isSubsetOf(exported);
        assertThat(used.stream().map(DeployedMetricsTest::base).toList())
                .as("every exported metric is on the dashboard or in an alert")
                .containsAll(union());
    }

    @Test
    void metricNamesAreReadFromExpressionsWithoutLabelsGroupingsOrFunctions() {
        assertThat(
                        metrics(
                                "histogram_quantile(0.99, sum by (tool, le) (rate(a_b_bucket{tool=~\"$tool\"}[$__rate_interval]))) > 5 and max by (tool) (c) >= 1"))
                .containsExactlyInAnyOrder("a_b_bucket", "c");
        assertThat(metrics("label_values(user_sync_tool_lag_events, tool)")).contains("user_sync_tool_lag_events");
    }

    static Set<String> metrics(String expression) {
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\$[a-zA-Z_]+", "");
        stripped = GROUPING.matcher(stripped).replaceAll("");
        // Grafana's label_values(metric, label): the label is no metric.
        stripped = stripped.replaceAll("label_values\\(([^,]+),[^)]*\\)", "$1");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String token = identifier.group();
            if (!PROMQL.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    private static Set<String> union() {
        Set<String> all = new TreeSet<>(PrometheusScrape.USER_COMMAND);
        all.addAll(PrometheusScrape.USER_PROJECTION);
        return all;
    }

    private static String base(String name) {
        return PrometheusScrape.HISTOGRAM_SUFFIXES.stream()
                .filter(name::endsWith)
                .findFirst()
                .map(suffix -> name.substring(0, name.length() - suffix.length()))
                .orElse(name);
    }
}
