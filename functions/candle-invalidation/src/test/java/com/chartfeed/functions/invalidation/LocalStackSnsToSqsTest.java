package com.chartfeed.functions.invalidation;

import com.chartfeed.candles.Interval;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TestServices;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path of production, on real AWS APIs in LocalStack: the ingestion object published to an SNS
 * topic, delivered by SNS to two subscribed SQS queues (one with SNS's notification envelope as the
 * body, one with raw message delivery), received from SQS, and each real message handed to the
 * handler as Lambda's SQS integration would wrap it. Skipped, and reported as skipped, where Docker
 * is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSnsToSqsTest {
    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);

    private static InvalidationFunctionHarness function;
    private static ReaderContainer reader;

    @BeforeAll
    static void start() {
        function = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of());
        reader = new ReaderContainer(TestServices.redisUri());
    }

    @AfterAll
    static void stop() {
        if (function != null) {
            function.close();
        }
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void aPublicationDeliveredBySnsToSqsIsApplied() throws InterruptedException, IOException {
        String symbol = reader.uploadAndCache("LSTACK");
        try (SnsClient sns = SnsClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                .credentialsProvider(credentials()).region(Region.of(LOCALSTACK.getRegion())).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                     .credentialsProvider(credentials()).region(Region.of(LOCALSTACK.getRegion())).build()) {
            String topicArn = sns.createTopic(r -> r.name("candles-ingested")).topicArn();
            Queue enveloped = Queue.create(sqs, "candles-invalidation");
            Queue raw = Queue.create(sqs, "candles-invalidation-raw");
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(enveloped.arn()));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(raw.arn())
                    .attributes(Map.of("RawMessageDelivery", "true")));

            sns.publish(r -> r.topicArn(topicArn).message(IngestionEvents.object(symbol, "1h")));

            for (Queue queue : List.of(enveloped, raw)) {
                Message message = queue.receiveOne(sqs);
                long generation = reader.generation(symbol, Interval.H1);
                Map<String, Object> answer = function.invokeForMap(sqsEvent(message, queue));
                assertEquals(List.of(), function.batchItemFailures(answer), queue.arn());
                assertTrue(reader.generation(symbol, Interval.H1) > generation, queue.arn());
                reader.assertMissThenHit(symbol);
            }
            assertTrue(enveloped.lastBody.contains("\"Type\"") && !raw.lastBody.contains("\"Type\""),
                    "one body is SNS's envelope, the other the raw object");
        }
    }

    /** The record Lambda's SQS integration makes of a received message, in the layout of infra/events. */
    private static String sqsEvent(Message message, Queue queue) throws IOException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", message.attributesAsStrings());
        record.put("messageAttributes", Map.of());
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queue.arn());
        record.put("awsRegion", LOCALSTACK.getRegion());
        return JsonMapper.createDefault().writeValueAsString(Map.of("Records", List.of(record)));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(),
                LOCALSTACK.getSecretKey()));
    }

    /** A queue in LocalStack, and the body of the last message received from it. */
    private static final class Queue {
        private final String url;
        private final String arn;
        private String lastBody;

        private Queue(String url, String arn) {
            this.url = url;
            this.arn = arn;
        }

        static Queue create(SqsClient sqs, String name) {
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return new Queue(url, arn);
        }

        String arn() {
            return arn;
        }

        Message receiveOne(SqsClient sqs) {
            for (int attempt = 0; attempt < 3; attempt++) {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                        .waitTimeSeconds(10).messageSystemAttributeNamesWithStrings("All")).messages();
                if (!messages.isEmpty()) {
                    lastBody = messages.get(0).body();
                    return messages.get(0);
                }
            }
            throw new AssertionError("SNS delivered nothing to " + arn);
        }
    }
}
