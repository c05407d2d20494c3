#!/bin/bash
echo "café"
