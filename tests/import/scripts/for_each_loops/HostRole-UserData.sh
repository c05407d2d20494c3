#!/bin/bash
echo <<Role>> > /etc/role
echo <<AWS::Region>> > /etc/region
