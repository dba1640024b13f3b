# The pipeline role may decrypt with the keys of a workload account this same plan creates:
# the account id, and so the whole policy text, is known only after apply, and nothing in the
# configuration says it is one key.

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

resource "aws_organizations_account" "workload" {
  name  = "workload-prod"
  email = "aws+workload-prod@example.com"
}

resource "aws_iam_role" "pipeline" {
  name = "pipeline"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "codebuild.amazonaws.com" }
      },
    ]
  })
}

resource "aws_iam_role_policy" "workload_decrypt" {
  name = "workload-decrypt"
  role = aws_iam_role.pipeline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:eu-west-1:${aws_organizations_account.workload.id}:key/*"
      },
    ]
  })
}
