# "Everything but IAM and Organizations": NotAction allows every action it does not list, so
# kms:Decrypt on every key.

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

resource "aws_iam_policy" "power_user" {
  name        = "power-user"
  description = "Everything except identity and organization management"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllButIdentity"
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*", "account:*"]
        Resource  = "*"
      },
    ]
  })
}
