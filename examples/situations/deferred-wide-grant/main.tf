# The policy document refers to a bucket this plan creates, so Terraform reads it during apply
# and the plan has no policy text. What the plan does know is enough: the second statement
# allows kms:Decrypt on "*" whatever the bucket's ARN turns out to be.

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

resource "aws_s3_bucket" "exports" {
  bucket = "example-exports"
}

resource "aws_iam_role" "exporter" {
  name = "exporter"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
      },
    ]
  })
}

data "aws_iam_policy_document" "exporter" {
  statement {
    sid       = "WriteExports"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.exports.arn}/*"]
  }

  statement {
    sid       = "DecryptSources"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "exporter" {
  name   = "exporter"
  role   = aws_iam_role.exporter.id
  policy = data.aws_iam_policy_document.exporter.json
}
