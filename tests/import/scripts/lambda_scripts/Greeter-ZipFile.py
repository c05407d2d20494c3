import os

def handler(event, context):
    # "quotes", \n and <<!Markers>> stay as written
    return {"greeting": os.environ.get("GREETING", "<<Greeting>>")}
