# Reports the number of visible messages of the queue named in QUEUE_URL.
import json
import os

import boto3


def handler(event, context):
    sqs = boto3.client("sqs")
    attributes = sqs.get_queue_attributes(
        QueueUrl=os.environ["QUEUE_URL"],
        AttributeNames=["ApproximateNumberOfMessages"],
    )["Attributes"]
    depth = int(attributes["ApproximateNumberOfMessages"])
    print(json.dumps({"depth": depth, "template": "${not_substituted}"}))
    return depth
