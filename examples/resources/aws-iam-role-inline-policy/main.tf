# Inline policies declared on the role itself (aws_iam_role inline_policy blocks, Security Hub
# KMS.2): the first one is scoped to a queue, the second lets the role decrypt with every key.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "ecs-tasks.amazonaws.com" }
      },
    ]
  })

  inline_policy {
    name = "jobs-queue"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
          Resource = "arn:aws:sqs:eu-west-1:111122223333:jobs"
        },
      ]
    })
  }

  inline_policy {
    name = "decrypt-payloads"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = "kms:Decrypt"
          Resource = "*"
        },
      ]
    })
  }
}
